// Records that the import under $onceKey was done; the uniqueness of Import.key makes a second record fail.
// :param onceKey => "seeds:0123456789abcdef"
CREATE (:Import {key: $onceKey, importedAt: datetime()})
