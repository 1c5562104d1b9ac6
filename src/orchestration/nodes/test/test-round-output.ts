import type { CheckAnnotation } from '../../../github/operations/check-runs.js';
import {
  TEST_ANNOTATION_MESSAGE_CHARS,
  TEST_ANNOTATIONS_KEPT,
  TEST_OUTPUT_TAIL_CHARS,
  type RunEventDataInput,
} from '../../../storage/index.js';

type TestRoundOutput = Required<Pick<RunEventDataInput<'tested'>, 'annotationList' | 'outputTail'>>;

/**
 * What a test round keeps on the run's timeline for its page: the first annotations and the end of the
 * commands' output, each cut to the timeline's bounds and masked (`mask` replaces the app's secrets), since
 * the run page and the API show it to everyone who may read the run.
 */
export function testRoundOutput(
  transcript: string,
  annotations: readonly CheckAnnotation[],
  mask: (text: string) => string,
): TestRoundOutput {
  const cut = (text: string) =>
    text.length <= TEST_ANNOTATION_MESSAGE_CHARS
      ? text
      : `${text.slice(0, TEST_ANNOTATION_MESSAGE_CHARS - 1)}…`;
  return {
    annotationList: annotations.slice(0, TEST_ANNOTATIONS_KEPT).map((a) => ({
      path: a.path,
      startLine: a.start_line,
      endLine: a.end_line,
      level: a.annotation_level,
      ...(a.title === undefined ? {} : { title: cut(mask(a.title)) }),
      message: cut(mask(a.message)),
    })),
    // Masked before it is cut, so a secret across the cut cannot survive as its unmasked end.
    outputTail: mask(transcript).slice(-TEST_OUTPUT_TAIL_CHARS),
  };
}
