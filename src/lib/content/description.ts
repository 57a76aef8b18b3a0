/** Shortest description a page may have; shorter ones make poor search snippets and meta descriptions. */
export const MIN_DESCRIPTION_LENGTH = 50;
