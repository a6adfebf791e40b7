"""Subscriptions and the notification outbox (ZGW Notificaties); an index on zaakreferentie.

Revision ID: 0004_ecosysteem
Revises: 0003_beleid
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_ecosysteem"
down_revision = "0003_beleid"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "abonnement",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("eigenaar", sa.String(100), nullable=False, index=True),
        sa.Column("callback_url", sa.String(1000), nullable=False),
        sa.Column("auth", sa.String(1000), nullable=True),
        sa.Column("geheim", sa.String(100), nullable=False),
        sa.Column("kanalen", sa.JSON(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "notificatiebezorging",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("abonnement_id", sa.String(36), nullable=False, index=True),
        sa.Column("inhoud", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("pogingen", sa.Integer(), nullable=False),
        sa.Column("volgende_poging", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("geclaimd_tot", sa.DateTime(timezone=True), nullable=True),
        sa.Column("laatste_fout", sa.String(500), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bezorgd_op", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_beslissing_zaakreferentie", "beslissing", ["zaakreferentie"])


def downgrade() -> None:
    op.drop_index("ix_beslissing_zaakreferentie", "beslissing")
    op.drop_table("notificatiebezorging")
    op.drop_table("abonnement")
