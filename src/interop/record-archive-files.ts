/** The record archive as the application's transfer use cases take it (src/app/record-transfer.ts): write, check, open. */
import { checkRecordArchive, openRecordArchive } from './read-record-archive.js';
import { writeRecordArchive } from './write-record-archive.js';

/** Archive files in the format of record-archive.ts, streamed from and to the file system. */
export const recordArchiveFiles = {
  write: writeRecordArchive,
  check: checkRecordArchive,
  open: openRecordArchive,
} as const;
