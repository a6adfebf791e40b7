"""Impactanalyses (with a work table of key ranges) and rule-set generations (reload).

Revision ID: 0003_beleid
Revises: 0002
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_beleid"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "impactanalyse",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("aangemaakt_door", sa.String(100), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kandidaat", sa.JSON(), nullable=False),
        sa.Column("regelsets", sa.JSON(), nullable=False),
        sa.Column("filter", sa.JSON(), nullable=False),
        sa.Column("totaal", sa.Integer(), nullable=False),
        sa.Column("delen", sa.Integer(), nullable=False),
        sa.Column("rapport", sa.JSON(), nullable=True),
        sa.Column("fout", sa.String(1000), nullable=True),
        sa.Column("klaar_op", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "impactdeel",
        sa.Column("analyse_id", sa.String(36), sa.ForeignKey("impactanalyse.id"), primary_key=True),
        sa.Column("nr", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("van_id", sa.String(36), nullable=True),
        sa.Column("tot_id", sa.String(36), nullable=True),
        sa.Column("aantal", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("werker", sa.String(100), nullable=True),
        sa.Column("geclaimd_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verwerkt", sa.Integer(), nullable=False),
        sa.Column("rapport", sa.JSON(), nullable=True),
    )
    op.create_index("ix_impactdeel_status", "impactdeel", ["analyse_id", "status"])
    op.create_table(
        "regelgeneratie",
        sa.Column("nr", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("regelsets", sa.JSON(), nullable=False),
        sa.Column("geladen_door", sa.String(100), nullable=False),
        sa.Column("reden", sa.String(32), nullable=False),
        sa.Column("geladen_op", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("regelgeneratie")
    op.drop_index("ix_impactdeel_status", table_name="impactdeel")
    op.drop_table("impactdeel")
    op.drop_table("impactanalyse")
