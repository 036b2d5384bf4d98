import { describe, expect, it } from "vitest";
import { IMAGE_URL_PREFIX, imageUrlPrefix, withImageUrls } from "./images";

const html =
  '<p><img src="stratus-img://localhost/7/img/a%20b.png" alt="VPC"></p>\n' +
  '<p>src=&quot;stratus-img://localhost/7/x.png&quot;</p>\n';

describe("withImageUrls", () => {
  it("keeps the engine's URLs where the scheme is served as written", () => {
    expect(withImageUrls(html, IMAGE_URL_PREFIX)).toBe(html);
  });

  it("moves image sources to the http form and leaves escaped text alone", () => {
    const out = withImageUrls(html, "http://stratus-img.localhost/");
    expect(out).toContain('<img src="http://stratus-img.localhost/7/img/a%20b.png" alt="VPC">');
    expect(out).toContain("src=&quot;stratus-img://localhost/7/x.png&quot;");
  });

  it("falls back to the engine's form outside the app", () => {
    expect(imageUrlPrefix()).toBe(IMAGE_URL_PREFIX);
  });
});
