/**
 * Preloaded into the server by bench/connections.ts (`node --import`): how long each
 * keystroke stays in the server, kept on globalThis for the bench to read over the inspector.
 */
import { timeResidence } from './residence';

(globalThis as { samlaBenchResidence?: number[] }).samlaBenchResidence = timeResidence();
