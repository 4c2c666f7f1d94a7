/**
 * The page of GB/T 9704-2012 (党政机关公文格式), in PDF points. A4 paper; the type area (版心)
 * 156 × 225 mm with a 37 mm top margin (天头) and a 28 mm left margin (订口); the body in 3号
 * (16 pt) at 28 characters a line and 22 lines a page; titles in 2号 (22 pt); page numbers in 4号
 * (14 pt), 7 mm below the type area. The letter format (信函格式, §10.1) puts the issuing unit's
 * name 30 mm from the top edge with a red double line 4 mm under it, and a second red double line
 * 20 mm above the bottom edge of the first page; its first page carries no page number.
 */
export const MM = 72 / 25.4;

export const PAGE = { width: 210 * MM, height: 297 * MM } as const;
export const TYPE_AREA = {
  left: 28 * MM,
  top: 37 * MM,
  width: 156 * MM,
  height: 225 * MM,
} as const;
export const MARGINS = {
  top: TYPE_AREA.top,
  left: TYPE_AREA.left,
  right: PAGE.width - TYPE_AREA.left - TYPE_AREA.width,
  bottom: PAGE.height - TYPE_AREA.top - TYPE_AREA.height,
} as const;

/** 3号 and 2号 in points, and the pitches that fit 28 characters and 22 lines into the type area. */
export const BODY_SIZE = 16;
export const TITLE_SIZE = 22;
export const PAGE_NUMBER_SIZE = 14;
export const LINE_PITCH = TYPE_AREA.height / 22;
export const CHAR_PITCH = TYPE_AREA.width / 28;

/** The letter format's header: the unit's name, the double lines, their 170 mm length. */
export const LETTER = {
  unitTop: 30 * MM,
  unitSize: 22,
  lineGapBelowUnit: 4 * MM,
  lineLength: 170 * MM,
  bottomLineFromEdge: 20 * MM,
} as const;

/** GB/T 9704 asks for red; this is the red of the standard's examples as printers render it. */
export const RED = '#E60012';
