-- CreateIndex
CREATE INDEX "Media_url_idx" ON "Media"("url");
