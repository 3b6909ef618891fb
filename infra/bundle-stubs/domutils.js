// css-select's default DOM adapter. linkedom always passes its own adapter, so the default (domutils,
// with its serializer and RSS helpers) is dead weight in the bundle.
export {};
