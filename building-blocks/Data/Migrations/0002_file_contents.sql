-- Uploaded file contents (attachments of dossiers, council decisions), addressed by their SHA-256:
-- the same bytes are stored once however many records point at them. Rows are never updated;
-- the records that name a file (owner, file name, media type) live in the service's own tables.
CREATE TABLE file_contents (
    sha256    text        PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size      bigint      NOT NULL CHECK (size > 0),
    content   bytea       NOT NULL CHECK (octet_length(content) = size),
    stored_at timestamptz NOT NULL DEFAULT now()
);

-- Uploads are already compressed (PDF streams, PNG, JPEG, zipped Office files), so compressing them
-- again only costs CPU; uncompressed out-of-line storage also lets substring() read one slice of a
-- file without decompressing everything before it, which is how downloads are streamed.
ALTER TABLE file_contents ALTER COLUMN content SET STORAGE EXTERNAL;
