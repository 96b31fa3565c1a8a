/**
 * `npm run new-analysis -- "Title"`: scaffold an analysis page in src/analyses/ from the template (imports,
 * data, a first chart, a statistics cell) and add it to the "Analysis" section of the navigation.
 */
import {existsSync} from "node:fs";
import {readFile, writeFile} from "node:fs/promises";
import {join} from "node:path";
import {fileURLToPath} from "node:url";

/** A URL-safe slug: "Åkerier & Ökade volymer?" → "akerier-okade-volymer". */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ø/g, "o")
    .replace(/æ/g, "ae")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Write src/analyses/<slug>.md and add the page to observablehq.config.ts under `root`.
 * @throws Error when the title gives no slug or the page exists (nothing is overwritten)
 */
export async function newAnalysis(title: string, root: string): Promise<{page: string; path: string}> {
  const slug = slugify(title);
  if (!slug) throw new Error(`"${title}" gives no usable file name; use letters or digits`);
  const page = join(root, "src", "analyses", `${slug}.md`);
  if (existsSync(page)) throw new Error(`${page} already exists; choose another title or edit that page`);
  const template = await readFile(join(fileURLToPath(new URL(".", import.meta.url)), "analysis-template.md"), "utf8");
  await writeFile(page, template.replaceAll("{{TITLE}}", title.replaceAll("`", "'")).replaceAll("{{SLUG}}", slug));
  const configPath = join(root, "observablehq.config.ts");
  const config = await readFile(configPath, "utf8");
  const marker = /(name: "Analysis",[\s\S]*?pages: \[)([\s\S]*?)(\n      \])/;
  if (!marker.test(config))
    throw new Error(`${configPath} has no "Analysis" section with a pages list to add the page to`);
  const path = `/analyses/${slug}`;
  const entry = `,\n        {name: ${JSON.stringify(title)}, path: ${JSON.stringify(path)}}`;
  await writeFile(
    configPath,
    config.replace(marker, (_, head, body, tail) => `${head}${body}${entry}${tail}`)
  );
  return {page, path};
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const title = process.argv.slice(2).join(" ").trim();
  if (!title) {
    process.stderr.write('Usage: npm run new-analysis -- "Your question as a title"\n');
    process.exit(2);
  }
  try {
    const root = join(fileURLToPath(new URL(".", import.meta.url)), "..", "..");
    const {page, path} = await newAnalysis(title, root);
    process.stderr.write(
      `Created ${page}\nIt is in the navigation under Analysis → ${path}. Run \`npm run dev\` and edit; the page reloads on save.\n`
    );
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
