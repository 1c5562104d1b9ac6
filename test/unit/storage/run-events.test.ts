import { describe, expect, it } from 'vitest';
import {
  parseRunEvent,
  parseRunEventBody,
  RunEventTypes,
  RunTransitions,
  type RunTransitionName,
  type RunTransitionRule,
} from '../../../src/storage/index.js';
import type { EventRow } from '../../../src/storage/rows.js';
import { runEventSamples, transitionDataSamples } from '../../fixtures/run-events/samples.js';

/** A row as the database hands it back: the data went through JSON (jsonb), no data is NULL. */
function storedRow(type: string, data: unknown): EventRow {
  return {
    id: '41',
    run_id: '0190a8c4-0000-7000-8000-000000000001',
    step_id: null,
    type,
    message: 'something happened',
    data: data === undefined ? null : JSON.parse(JSON.stringify(data)),
    created_at: new Date('2026-12-03T12:00:00Z'),
  };
}

describe('run events', () => {
  it('have one sample per type, and every name is snake_case', () => {
    expect(Object.keys(runEventSamples).sort()).toEqual([...RunEventTypes].sort());
    for (const type of RunEventTypes) expect(type).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it.each(RunEventTypes.map((type) => [type]))('%s round-trips through its schema and storage', (type) => {
    const body = parseRunEventBody(type, runEventSamples[type]);
    expect(body).toEqual({ type, data: runEventSamples[type] });
    const read = parseRunEvent(storedRow(body.type, body.data));
    expect(read).toMatchObject({ id: 41, stepId: null, message: 'something happened', type });
    expect(read.data).toEqual(runEventSamples[type]);
  });

  it.each(Object.keys(RunTransitions) as RunTransitionName[])(
    "the %s transition's event accepts its data with what the transition fills in (the status, a new attempt)",
    (name) => {
      const rule: RunTransitionRule = RunTransitions[name];
      const filledIn = { to: rule.to, ...(rule.startsAttempt ? { attempt: 2 } : {}) };
      const body = parseRunEventBody(rule.event, { ...transitionDataSamples[name], ...filledIn });
      expect(body).toMatchObject({ type: rule.event, data: filledIn });
    },
  );

  describe('a writer', () => {
    it('is refused an unknown type, with the type named', () => {
      expect(() => parseRunEventBody('step.started', { node: 'plan' })).toThrow(
        "Run event type 'step.started' is unknown",
      );
    });

    it('is refused data that does not fit the type, with the type and the field named', () => {
      expect(() => parseRunEventBody('retry_requested', { to: 'queued', attempt: 'two' })).toThrow(
        /Run event 'retry_requested' refused: its data does not match the schema\.\n.*attempt/s,
      );
      expect(() => parseRunEventBody('run_started', { to: 'failed' })).toThrow(
        "Run event 'run_started' refused",
      );
    });
  });

  describe('a reader', () => {
    it('gets a row of an old or unknown type as unreadable, with what was stored', () => {
      const read = parseRunEvent(storedRow('tests.failed', [{ file: 'a.test.ts' }]));
      expect(read).toMatchObject({
        id: 41,
        type: 'unreadable',
        data: { storedType: 'tests.failed', storedData: [{ file: 'a.test.ts' }] },
      });
    });

    it('gets a known type whose data no longer fits as unreadable, saying why', () => {
      const read = parseRunEvent(storedRow('plan_revision_requested', { feedback: '' }));
      expect(read.type).toBe('unreadable');
      expect(read.type === 'unreadable' && read.data.problem).toMatch(/to|feedback/);
    });
  });
});
