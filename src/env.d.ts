// Starlight's `Astro.locals` types (t, starlightRoute). They normally arrive through astro.config.mjs, which tsc
// skips (it would type-check starlight-links-validator's shipped .ts sources).
/// <reference types="@astrojs/starlight" />
