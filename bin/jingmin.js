#!/usr/bin/env node
// The command-line entry point: TypeScript sources run through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');
