-- The lead list orders by (createdAt, id) or (score, id), for cursor pagination: with the id in
-- the index, the database reads a page straight off it instead of sorting every matching row.

-- DropIndex
DROP INDEX "Lead_status_createdAt_idx";

-- DropIndex
DROP INDEX "Lead_createdAt_idx";

-- DropIndex
DROP INDEX "Lead_score_idx";

-- CreateIndex
CREATE INDEX "Lead_status_createdAt_id_idx" ON "Lead"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Lead_createdAt_id_idx" ON "Lead"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Lead_score_id_idx" ON "Lead"("score", "id");
