"""Mandaat en collegiale toets, audittrail, logboek dataverwerkingen, regels per beslissing.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("beslissing") as tabel:
        tabel.add_column(sa.Column("mandaat", sa.JSON(), nullable=False, server_default="{}"))
        tabel.add_column(sa.Column("vereiste_rol", sa.String(64), nullable=True))
        tabel.add_column(
            sa.Column(
                "beoordeling_vereist", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        tabel.add_column(
            sa.Column("beoordeling_reden", sa.String(1000), nullable=False, server_default="")
        )
        tabel.add_column(sa.Column("betrokkene", sa.String(64), nullable=True))
        tabel.create_index("ix_beslissing_vereiste_rol", ["vereiste_rol"])
        tabel.create_index("ix_beslissing_beoordeling_vereist", ["beoordeling_vereist"])
    op.create_table(
        "beoordeling",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "beslissing_id",
            sa.String(36),
            sa.ForeignKey("beslissing.id"),
            nullable=False,
            unique=True,
        ),
        sa.Column("oordeel", sa.String(16), nullable=False),
        sa.Column("toelichting", sa.String(4000), nullable=True),
        sa.Column("beoordelaar", sa.String(100), nullable=False),
        sa.Column("beoordelaar_rol", sa.String(64), nullable=True),
        sa.Column("beoordeeld_op", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "beslissing_regel",
        sa.Column("beslissing_id", sa.String(36), sa.ForeignKey("beslissing.id"), primary_key=True),
        sa.Column("regel", sa.String(100), primary_key=True),
        sa.Column("soort", sa.String(64), nullable=False),
    )
    op.create_index("ix_beslissing_regel_regel", "beslissing_regel", ["regel"])
    op.create_table(
        "auditrecord",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("beslissing_id", sa.String(36), nullable=True),
        sa.Column("bron", sa.String(64), nullable=False),
        sa.Column("gebruikers_id", sa.String(100), nullable=False),
        sa.Column("gebruikers_rol", sa.String(32), nullable=False),
        sa.Column("actie", sa.String(32), nullable=False),
        sa.Column("actie_weergave", sa.String(200), nullable=False),
        sa.Column("resultaat", sa.Integer(), nullable=False),
        sa.Column("hoofd_object", sa.String(200), nullable=False),
        sa.Column("aanmaakdatum", sa.DateTime(timezone=True), nullable=False),
        sa.Column("oud", sa.JSON(), nullable=True),
        sa.Column("nieuw", sa.JSON(), nullable=True),
    )
    op.create_index("ix_auditrecord_beslissing_id", "auditrecord", ["beslissing_id"])
    op.create_index("ix_auditrecord_aanmaakdatum", "auditrecord", ["aanmaakdatum"])
    op.create_table(
        "dataverwerking",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("trace_id", sa.String(32), nullable=False),
        sa.Column("operation_id", sa.String(16), nullable=False),
        sa.Column("parent_operation_id", sa.String(16), nullable=True),
        sa.Column("verwerkingsactiviteit", sa.String(100), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("einde", sa.DateTime(timezone=True), nullable=False),
        sa.Column("betrokkene", sa.String(64), nullable=False),
        sa.Column("beslissing_id", sa.String(36), nullable=True),
    )
    op.create_index("ix_dataverwerking_trace_id", "dataverwerking", ["trace_id"])


def downgrade() -> None:
    op.drop_table("dataverwerking")
    op.drop_table("auditrecord")
    op.drop_table("beslissing_regel")
    op.drop_table("beoordeling")
    with op.batch_alter_table("beslissing") as tabel:
        tabel.drop_index("ix_beslissing_beoordeling_vereist")
        tabel.drop_index("ix_beslissing_vereiste_rol")
        for kolom in (
            "betrokkene",
            "beoordeling_reden",
            "beoordeling_vereist",
            "vereiste_rol",
            "mandaat",
        ):
            tabel.drop_column(kolom)
