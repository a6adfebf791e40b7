"""A candidate rules directory sent as an archive (.tar.gz, .tgz, .tar or .zip), read safely.

Nothing is extracted to disk: only regular .yaml/.yml members with a plain relative path
are read, within size limits. A single top folder (`rules/…`) is taken off, so an archive
of the directory itself and one of its contents give the same candidate.
"""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import PurePosixPath

from service.errors import OngeldigVerzoek

MAX_BYTES = 20 * 1024 * 1024
MAX_BESTANDEN = 2000
REGELBESTAND = (".yaml", ".yml")


def _fout(reden: str) -> OngeldigVerzoek:
    return OngeldigVerzoek(
        "Het archief is niet bruikbaar; zie invalidParams.",
        invalidParams=[{"name": "archief", "reason": reden, "code": "archief"}],
    )


def _veilig(naam: str) -> str | None:
    pad = PurePosixPath(naam)
    if pad.is_absolute() or ".." in pad.parts or not pad.parts:
        raise _fout(f"'{naam}' is geen veilig relatief pad")
    return pad.as_posix() if pad.suffix in REGELBESTAND else None


def _leden(inhoud: bytes) -> list[tuple[str, bytes]]:
    if zipfile.is_zipfile(io.BytesIO(inhoud)):
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            info = [i for i in archief.infolist() if not i.is_dir()]
            if len(info) > MAX_BESTANDEN or sum(i.file_size for i in info) > MAX_BYTES:
                raise _fout("te groot (ten hoogste 2000 bestanden en 20 MB)")
            return [(i.filename, archief.read(i)) for i in info if _veilig(i.filename)]
    try:
        with tarfile.open(fileobj=io.BytesIO(inhoud), mode="r:*") as archief:
            leden = archief.getmembers()
            if len(leden) > MAX_BESTANDEN or sum(lid.size for lid in leden) > MAX_BYTES:
                raise _fout("te groot (ten hoogste 2000 bestanden en 20 MB)")
            uit = []
            for lid in leden:
                if lid.isdir():
                    continue
                if not lid.isfile():
                    raise _fout(f"'{lid.name}' is geen gewoon bestand (link of apparaat)")
                bron = archief.extractfile(lid)
                if _veilig(lid.name) and bron is not None:
                    uit.append((lid.name, bron.read()))
            return uit
    except tarfile.TarError:
        raise _fout("geen .tar.gz-, .tar- of .zip-archief") from None


def lees_archief(inhoud: bytes) -> dict[str, str]:
    """The rule files in an archive, path (relative to the rules directory) → text."""
    if len(inhoud) > MAX_BYTES:
        raise _fout("te groot (ten hoogste 20 MB)")
    leden = [(PurePosixPath(naam), data) for naam, data in _leden(inhoud)]
    if not leden:
        raise _fout("er staan geen .yaml-bestanden in")
    toppen = {pad.parts[0] for pad, _ in leden}
    if len(toppen) == 1 and all(len(pad.parts) > 1 for pad, _ in leden):
        leden = [(PurePosixPath(*pad.parts[1:]), data) for pad, data in leden]
    try:
        return {pad.as_posix(): data.decode("utf-8") for pad, data in leden}
    except UnicodeDecodeError:
        raise _fout("een bestand is geen UTF-8-tekst") from None
