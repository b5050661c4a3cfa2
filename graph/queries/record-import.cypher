// Records that the import under $onceKey was done; the uniqueness of Import.key makes a second record fail.
CREATE (:Import {key: $onceKey, importedAt: datetime()})
