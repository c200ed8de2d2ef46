/** The file name a flow is exported under: its name in lower case, words joined by "-", then .sockpit-flow.json. */
export function flowFileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 60);
  return `${slug || 'flow'}.sockpit-flow.json`;
}
