// linkedom takes only `Parser` from htmlparser2, but through `import * as`, which keeps the whole package
// (DOM utilities, a serializer, RSS helpers) in the bundle. This entry gives it the parser alone.
export { Parser } from '../../node_modules/htmlparser2/dist/esm/Parser.js';
