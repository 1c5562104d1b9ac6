import { describe, expect, it } from 'vitest';
import { createBackgroundTasks } from '../../../src/github/background-tasks.js';
import { testLogger } from '../../support/test-logger.js';
import { deferred } from '../../support/wait.js';

describe('background work after a webhook', () => {
  it('drops optional tasks once the queue is full, but never required replies', async () => {
    const log = testLogger();
    const tasks = createBackgroundTasks(log, { optionalLimit: 2 });
    const gate = deferred();
    const ran: string[] = [];
    const task = (name: string) => async () => {
      await gate.promise;
      ran.push(name);
    };
    expect(tasks.runIfRoom('a', log, task('a'))).toBe(true);
    expect(tasks.runIfRoom('b', log, task('b'))).toBe(true);
    expect(tasks.runIfRoom('c', log, task('c'))).toBe(false);
    tasks.run('reply', log, task('reply'));
    expect(tasks.size).toBe(3);
    gate.resolve();
    await tasks.settle();
    expect(ran.sort()).toEqual(['a', 'b', 'reply']);
  });

  it("starts a task only after the handler's answer has gone out", async () => {
    const log = testLogger();
    const tasks = createBackgroundTasks(log);
    const order: string[] = [];
    tasks.run('enqueue', log, async () => void order.push('task'));
    // The webhook's answer is written in the promise callbacks that follow its handler.
    await Promise.resolve().then(() => order.push('answer'));
    expect(order).toEqual(['answer']);
    await tasks.settle();
    expect(order).toEqual(['answer', 'task']);
  });

  it('stops waiting at shutdown after the deadline', async () => {
    const log = testLogger();
    const tasks = createBackgroundTasks(log);
    tasks.run('stuck', log, () => new Promise(() => undefined));
    const started = Date.now();
    await tasks.settle(50);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(tasks.size).toBe(1);
  });
});
