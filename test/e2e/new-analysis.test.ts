/**
 * The authoring loop: `npm run new-analysis -- "Title"` writes a page from the template and adds it to the
 * navigation, and the scaffolded page builds. Done in a temporary copy of the site (src/ and the config),
 * sharing node_modules, loaders/ and data/ by symlink, so the real project is untouched.
 */
import {execFileSync} from "node:child_process";
import {cp, mkdtemp, readFile, rm, symlink} from "node:fs/promises";
import {existsSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {newAnalysis, slugify} from "../../loaders/scaffold/new-analysis.js";

const ROOT = join(import.meta.dirname, "..", "..");
let project: string;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), "segmentera-scaffold-"));
  // src/ as the global setup's `npm run build` left it, with the Vega bundle (src/components/vendor/vega.js)
  await cp(join(ROOT, "src"), join(project, "src"), {
    recursive: true,
    filter: (source) => !source.includes(".observablehq")
  });
  await cp(join(ROOT, "observablehq.config.ts"), join(project, "observablehq.config.ts"));
  for (const shared of ["node_modules", "loaders", "data", "package.json", "tsconfig.json"]) {
    await symlink(join(ROOT, shared), join(project, shared));
  }
});

afterAll(async () => {
  await rm(project, {recursive: true, force: true});
});

describe("slugify", () => {
  it("makes Swedish titles URL-safe", () => {
    expect(slugify("Åkerier & ökade volymer?")).toBe("akerier-okade-volymer");
  });
});

describe("newAnalysis", () => {
  it("writes the page, adds it to the navigation, refuses to overwrite, and the page builds", async () => {
    const {page, path} = await newAnalysis("Do sports clubs buy more fashion?", project);
    expect(path).toBe("/analyses/do-sports-clubs-buy-more-fashion");
    expect(await readFile(page, "utf8")).toMatch(/^---\ntitle: Do sports clubs buy more fashion\?/);
    const config = await readFile(join(project, "observablehq.config.ts"), "utf8");
    expect(config).toContain(
      '{name: "Do sports clubs buy more fashion?", path: "/analyses/do-sports-clubs-buy-more-fashion"}'
    );
    await expect(newAnalysis("Do sports clubs buy more fashion?", project)).rejects.toThrow(/already exists/);

    execFileSync("flock", ["/tmp/segmentera-build.lock", join(ROOT, "node_modules", ".bin", "observable"), "build"], {
      cwd: project,
      stdio: ["ignore", "ignore", "inherit"],
      env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1"}
    });
    const html = await readFile(join(project, "dist", "analyses", "do-sports-clubs-buy-more-fashion.html"), "utf8");
    expect(html).toContain("Do sports clubs buy more fashion?");
    expect(existsSync(join(project, "dist", "index.html"))).toBe(true);
  }, 300_000);
});
