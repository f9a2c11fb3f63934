// A fixed set of device-aligned buffers for one disk; acquire() waits when all are in use, which is
// what bounds the requests in flight (and keeps memory flat in disk size).
export class BufferPool {
  private readonly free: Buffer[];
  private readonly waiters: ((b: Buffer) => void)[] = [];

  constructor(alloc: (bytes: number) => Buffer, readonly bytes: number, count: number) {
    this.free = Array.from({ length: count }, () => alloc(bytes));
  }

  acquire(): Promise<Buffer> {
    const b = this.free.pop();
    if (b) return Promise.resolve(b);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(b: Buffer): void {
    const w = this.waiters.shift();
    if (w) w(b);
    else this.free.push(b);
  }
}
