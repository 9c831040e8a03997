; Imports for Java. The extractor reads `static` and `.*` from the declaration's text.

(import_declaration [(scoped_identifier) (identifier)] @import.source) @import
(package_declaration [(scoped_identifier) (identifier)] @package)
