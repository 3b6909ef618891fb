#!/usr/bin/env node
// Runs the TypeScript CLI with no build step: tsx registers its ESM loader, then the CLI loads.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../functions/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
