// A deliberately small iCalendar reader for tests: checks the framing (CRLF, 75-octet lines),
// unfolds, and returns each property's parameters and unescaped value.

export type IcsProperty = { params: Record<string, string>; value: string };

export function parseIcs(text: string): { physicalLines: string[]; props: Record<string, IcsProperty> } {
  if (!text.endsWith("\r\n")) throw new Error("an iCalendar file ends with CRLF");
  if (/[^\r]\n/.test(text) || /\r[^\n]/.test(text)) throw new Error("every line break must be CRLF");
  const physicalLines = text.slice(0, -2).split("\r\n");
  const props: Record<string, IcsProperty> = {};
  for (const line of text.replace(/\r\n[ \t]/g, "").slice(0, -2).split("\r\n")) {
    const { name, params, rawValue } = splitContentLine(line);
    props[name] ??= { params, value: name === "DESCRIPTION" || name === "SUMMARY" ? unescapeText(rawValue) : rawValue };
  }
  return { physicalLines, props };
}

function splitContentLine(line: string) {
  let inQuotes = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') inQuotes = !inQuotes;
    else if (line[i] === ":" && !inQuotes) {
      colon = i;
      break;
    }
  }
  if (colon < 0) throw new Error(`not a content line: ${line}`);
  const [name, ...paramParts] = line.slice(0, colon).split(";");
  const params = Object.fromEntries(
    paramParts.map((part) => {
      const [key, ...rest] = part.split("=");
      return [key, rest.join("=").replace(/^"|"$/g, "")];
    }),
  );
  return { name, params, rawValue: line.slice(colon + 1) };
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, character: string) => (character === "n" || character === "N" ? "\n" : character));
}
