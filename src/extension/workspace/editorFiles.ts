import type { SourceFiles } from '../../core/files/sourceFiles';
import { diskFiles, overlayFiles } from '../../core/files/sourceFiles';
import { openDocument } from '../reading/fileText';

/** The editor's side of the files seam: an open buffer with unsaved edits wins over the disk. */
export function editorFiles(root: string): SourceFiles {
  return overlayFiles(diskFiles(root), (rel) => {
    const doc = openDocument(root, rel);
    return doc && doc.isDirty ? doc.getText() : undefined;
  });
}
