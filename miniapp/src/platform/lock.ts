/**
 * Runs a task exclusively across the copies of the app that share this device's storage: browser
 * tabs of the h5 app, through the Web Locks API. WeChat runs one copy, so there the task just runs.
 */
export function exclusiveAcrossTabs(name: string) {
  return <T>(task: () => Promise<T>): Promise<T> => {
    const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
    return locks ? locks.request(name, task) : task();
  };
}

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}
