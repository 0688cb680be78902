import { createHook } from 'node:async_hooks';

/**
 * The promises created while `work` runs, counted by an async_hooks init hook: AsyncLocalStorage runs such a hook
 * for every promise, so their number is a cost of its own.
 */
export async function promisesCreatedBy(work: () => Promise<unknown>): Promise<number> {
  let created = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === 'PROMISE') created += 1;
    },
  });
  hook.enable();
  try {
    await work();
  } finally {
    hook.disable();
  }
  return created;
}
