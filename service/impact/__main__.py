"""`python -m service.impact --analyse ID [--processen N]`: run a stored analysis.

The API starts this in the background; the database URL comes from the environment
(INVORDERING_DATABASE_URL), never from the command line (it may hold a password).
"""

from __future__ import annotations

import argparse
import os

from service.impact.uitvoering import hoofd

if __name__ == "__main__":  # worker processes are spawned and re-import this module
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--analyse", required=True)
    parser.add_argument("--processen", type=int, default=None)
    argumenten = parser.parse_args()
    hoofd(os.environ["INVORDERING_DATABASE_URL"], argumenten.analyse, argumenten.processen)
