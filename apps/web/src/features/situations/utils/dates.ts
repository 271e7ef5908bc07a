/**
 * Dates of the situation screens. They live in `lib/format.ts`, the one module for every date
 * the web shows; re-exported here for the situation components that import them from here.
 */
export {
  formatDate,
  formatDateTime,
  fromDateTimeLocal,
  localToday,
  toDateTimeLocal,
} from '../../../lib/format';
