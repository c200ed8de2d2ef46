import { useEffect, useSyncExternalStore } from 'react';
import { isLiteralQuery } from '../../../lib/filter/query';
import { highlightRanges, highlightVersion, highlightsOff, requestHighlight, subscribeHighlights } from '../../../services/search/highlight-service';
import { partsFromRanges, splitMatches } from '../utils/highlight';
import type { TextPart } from '../utils/highlight';

/**
 * The text cut into plain and matched parts. Plain-text queries (linear) are
 * matched right here; a regex query's ranges come from the highlight Worker
 * (services/search/highlight-service.ts): the text shows plain until they do,
 * and stays plain if that regex ran past its deadline.
 */
export function useMatchParts(text: string, re: RegExp | null): TextPart[] {
  const local = re === null || text === '' || isLiteralQuery(re);
  useSyncExternalStore(local ? noSubscribe : subscribeHighlights, local ? zero : highlightVersion);
  const ranges = local ? undefined : highlightRanges(re, text);
  useEffect(() => {
    if (!local && re && ranges === undefined && !highlightsOff(re)) requestHighlight(re, text);
  }, [local, re, text, ranges]);
  if (local) return splitMatches(text, re);
  return ranges === undefined ? [{ text, match: false }] : partsFromRanges(text, ranges);
}

const noSubscribe = () => () => undefined;
const zero = () => 0;
