#!/usr/bin/env node
// The CLI is TypeScript shared with the app; tsx compiles it on the fly so there is no separate build step.
import { register } from 'tsx/esm/api';

register({ tsconfig: false });
await import('../server/cli.ts');
