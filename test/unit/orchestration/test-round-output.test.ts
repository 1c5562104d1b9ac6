import { describe, expect, it } from 'vitest';
import { createSecretRedactor } from '../../../src/integrations/secrets/index.js';
import { testRoundOutput } from '../../../src/orchestration/nodes/test/test-round-output.js';
import {
  runEventBodySchema,
  TEST_ANNOTATION_MESSAGE_CHARS,
  TEST_ANNOTATIONS_KEPT,
  TEST_OUTPUT_TAIL_CHARS,
} from '../../../src/storage/index.js';

const SECRET = 'sk-test-webhook-secret-value-1234';
const mask = createSecretRedactor([SECRET]);
const failure = (line: number, message: string) => ({
  path: 'test/a.test.js',
  start_line: line,
  end_line: line,
  annotation_level: 'failure' as const,
  title: `test ${line}`,
  message,
});

describe("a test round's output kept for the run page", () => {
  it('masks a secret the tests printed, in the output and in an annotation', () => {
    const kept = testRoundOutput(
      `$ npm test\nusing ${SECRET}\n# fail 1`,
      [failure(3, `got ${SECRET}`)],
      mask,
    );
    expect(kept.outputTail).toBe('$ npm test\nusing [redacted]\n# fail 1');
    expect(kept.annotationList).toEqual([
      {
        path: 'test/a.test.js',
        startLine: 3,
        endLine: 3,
        level: 'failure',
        title: 'test 3',
        message: 'got [redacted]',
      },
    ]);
  });

  it('keeps the end of a long output, the first annotations and the start of long messages, as the event allows', () => {
    const output = `${'early line\n'.repeat(5_000)}${SECRET} at the end`;
    const many = Array.from({ length: 80 }, (_, i) => failure(i + 1, 'x'.repeat(5_000)));
    const kept = testRoundOutput(output, many, mask);
    expect(kept.outputTail).toHaveLength(TEST_OUTPUT_TAIL_CHARS);
    expect(kept.outputTail.endsWith('[redacted] at the end')).toBe(true);
    expect(kept.annotationList.map((a) => a.startLine)).toEqual(
      Array.from({ length: TEST_ANNOTATIONS_KEPT }, (_, i) => i + 1),
    );
    expect(kept.annotationList[0]?.message).toHaveLength(TEST_ANNOTATION_MESSAGE_CHARS);
    expect(kept.annotationList[0]?.message.endsWith('…')).toBe(true);
    const event = { type: 'tested', data: { passed: false, annotations: 80, round: 1, ...kept } };
    expect(runEventBodySchema.safeParse(event).success).toBe(true);
  });
});
