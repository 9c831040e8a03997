; Imports for Kotlin. The extractor reads `.*` and `as Alias` from the directive's text.

(import (qualified_identifier) @import.source) @import
(package_header (qualified_identifier) @package)
