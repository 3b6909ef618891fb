#!/usr/bin/env node
// Runs the TypeScript CLI with no build step: tsx registers its ESM loader, then the CLI loads.
import { register } from 'tsx/esm/api';

// The SDK warns on every run under Node 20 about its own future support window; the CLI works there today.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('../functions/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
