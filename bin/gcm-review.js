#!/usr/bin/env node
// The package's command line. Sources are TypeScript, loaded through tsx so that
// `npx gcm-review` always runs the code as checked out, with no separate compile step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
