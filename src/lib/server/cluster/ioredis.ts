/**
 * The Redis client, for every cluster module that talks to Redis: import it from here, not
 * from 'ioredis'.
 *
 * ioredis declares `class VerbatimString extends String` when it loads, and that turns V8's
 * String.prototype into a dictionary-mode object (`%HasFastProperties` false). From then on
 * every string method call in the process looks up a slow prototype: the extractor ran
 * 1.25-1.4x slower with ioredis loaded (BENCHMARKS.md). V8 makes a prototype fast again
 * when a property load with feedback (a function called often enough to keep some) sees it
 * on an object's chain, which string primitives never do, so the loads below do it once,
 * right after ioredis has loaded. tests/cli/redis-client-string-prototype.spec.ts checks it.
 */
import { Redis } from 'ioredis';

function loadThroughStringPrototype(wrapper: object): unknown {
	return (wrapper as { slice?: unknown }).slice;
}
// V8 gives a function feedback after about eight calls; the loads after that fasten the prototype.
for (let i = 0; i < 64; i++) loadThroughStringPrototype(new String(''));

export { Redis };
