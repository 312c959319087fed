-- 0014: a show's title key (ShowTitleKey in src/ReviewBot.Core/Reviews) now leaves out invisible
-- format characters (Unicode's category Cf, listed in FormatCharacters.cs there): "Frieren" followed
-- by a zero-width space is the show "Frieren", not a second one. A key stored before keeps such a
-- character, and no import makes that key any more, so the next import of the same title would miss
-- its show and store another. Clearing those keys makes the rows what rows from before 0005 are:
-- the importer keys them again from their titles (ShowStore.UpsertAsync). Where a look-alike already
-- holds the key, the row stays keyless, which the unique index allows.
-- The characters cannot be seen, so they are written as code points with char(); 0x2D is the hyphen
-- that makes a range in a GLOB character class, which compares whole code points, not bytes.
UPDATE shows SET title_key = NULL
WHERE title_key IS NOT NULL
  AND title GLOB ('*[' || char(
      0x00AD,
      0x0600, 0x2D, 0x0605,
      0x061C,
      0x06DD,
      0x070F,
      0x0890, 0x2D, 0x0891,
      0x08E2,
      0x180E,
      0x200B, 0x2D, 0x200F,
      0x202A, 0x2D, 0x202E,
      0x2060, 0x2D, 0x2064,
      0x2066, 0x2D, 0x206F,
      0xFEFF,
      0xFFF9, 0x2D, 0xFFFB,
      0x110BD,
      0x110CD,
      0x13430, 0x2D, 0x1343F,
      0x1BCA0, 0x2D, 0x1BCA3,
      0x1D173, 0x2D, 0x1D17A,
      0xE0001,
      0xE0020, 0x2D, 0xE007F
  ) || ']*');
