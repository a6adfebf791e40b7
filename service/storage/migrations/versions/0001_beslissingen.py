"""Beslissingen en regelsetversies.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "beslissing",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("soort", sa.String(64), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False),
        sa.Column("zaakreferentie", sa.String(200), nullable=True),
        sa.Column("behandelaar", sa.String(100), nullable=False),
        sa.Column("aangemaakt_door", sa.String(100), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gegevens", sa.JSON(), nullable=False),
        sa.Column("uitkomst", sa.JSON(), nullable=False),
        sa.Column("redenen", sa.JSON(), nullable=False),
        sa.Column("regelset_naam", sa.String(64), nullable=False),
        sa.Column("regelset_versie", sa.String(32), nullable=False),
        sa.Column("regelset_hash", sa.String(64), nullable=False),
        sa.Column("idempotency_key", sa.String(200), nullable=True),
        sa.Column("verzoek_hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("aangemaakt_door", "idempotency_key", name="uq_beslissing_idempotency"),
    )
    op.create_index("ix_beslissing_soort", "beslissing", ["soort"])
    op.create_index("ix_beslissing_behandelaar", "beslissing", ["behandelaar"])
    op.create_index("ix_beslissing_aangemaakt_op", "beslissing", ["aangemaakt_op"])
    op.create_index("ix_beslissing_regelset_hash", "beslissing", ["regelset_hash"])
    op.create_table(
        "regelsetversie",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("naam", sa.String(64), nullable=False),
        sa.Column("versie", sa.String(32), nullable=False),
        sa.Column("bestanden", sa.JSON(), nullable=False),
        sa.Column("eerst_geladen_op", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("regelsetversie")
    op.drop_table("beslissing")
