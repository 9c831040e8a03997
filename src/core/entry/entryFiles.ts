// Which files the entry-point pass reads, by path alone. Shared by the pass itself and by the
// map's worker pass, which extracts a file's entry facts while it has the file's tree anyway.

/**
 * Front-end bundles with content hashes in their names (`assets/index-DDok6F2N.js`): no server routes,
 * much code. Vite's and Rollup's hash is 8 characters of base64url, so it may hold `-` itself
 * (`heading-ih-fOVqF.js`, `esm--rhhUGIG.js`, `modal-CVm0_7E-.js`): such a hash counts when it has an
 * upper-case letter or a digit, which a word of a file name (`my-settings`) rarely has.
 */
export const BUNDLE = /(^|\/)(assets|static|public|built|chunks)\/(.*\/)?[\w.-]+([-.][A-Za-z0-9_]{8,}|-(?=[\w-]{0,7}[A-Z0-9])[A-Za-z0-9_-]{8})\.m?js$/;
export const COMPILED_DIR = /(^|\/)(dist|build|out|lib-cjs|lib-esm|\.next|\.nuxt|\.output|\.svelte-kit|target|bin|obj)\//;
export const TEST_FILE = /(^|\/)(tests?|__tests__|__mocks__|spec|e2e|testdata|fixtures?)\/|\.(test|spec|e2e-spec)\.[cm]?[jt]sx?$|_test\.go$|(^|\/)test_[^/]*\.py$|_test\.py$|(^|\/)src\/test\/|(^|\/)conftest\.py$/;
