// The API description check: what an OpenAPI/Swagger document in the repository says the HTTP
// API is, against the routes the analyser found. A public contract (`deepdive routes --json`,
// the report's JSON): add fields, never rename or drop one.

export interface ApiOperation {
  /** Capitals: GET, POST … */
  method: string;
  /** The path as documented, with the document's base path in front (`/api/v1/users/{id}`). */
  path: string;
  /** The document it is in, root-relative, and the line of its path entry. */
  file: string;
  line?: number;
  operationId?: string;
}

export interface ApiDocument {
  file: string;
  /** `openapi 3.1.0` or `swagger 2.0`. */
  version: string;
  title?: string;
  /** Path prefix from `servers[].url` (OpenAPI 3) or `basePath` (Swagger 2), '' when none. */
  basePath: string;
  operations: number;
}

export interface ApiRouteRef {
  /** The entry point's id (`GET /api/users/:id`). */
  id: string;
  method: string;
  path: string;
  file: string;
  line: number;
}

export interface ApiSpecCheck {
  documents: ApiDocument[];
  /** Documents that looked like OpenAPI/Swagger but could not be read: the file and why. */
  unreadable: { file: string; reason: string }[];
  /** Routes found in the code that no document describes. */
  undocumented: ApiRouteRef[];
  /** Operations documented that no route found in the code serves. */
  notFound: ApiOperation[];
  /** A documented path the code serves, but not with the documented methods. */
  methodMismatches: { path: string; documented: string[]; found: string[]; routes: ApiRouteRef[]; operations: ApiOperation[] }[];
  /** Documented operations matched by a route. */
  matched: number;
  /** Routes left out of the comparison: their path is not a static string. */
  dynamic: number;
}
