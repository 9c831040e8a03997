; Imports for Go: the import path; a name binds the package under an alias.

(import_spec path: (_) @import.source) @import
(import_spec name: (_) @import.alias path: (_) @import.source) @import
(package_clause (package_identifier) @package)
