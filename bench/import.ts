// The real app, mounted exactly as src/main.tsx mounts it, then the import
// case's harness: the app's own import path on a large HAR file.
import '../src/main';
import './page/import-harness';
