/**
 * Small inline SVG icons, one per assistant tool (stroke only, `currentColor`),
 * so they render in any font set: emoji render as empty boxes where no emoji
 * font is installed.
 */

// 16×16 path data, drawn with a 1.6 px round stroke.
const PATHS: Record<string, string> = {
  add_task: "M8 3v10M3 8h10",
  list_tasks: "M6 4h7M6 8h7M6 12h7M3 4h.01M3 8h.01M3 12h.01",
  get_task: "M7 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM10 10l3.5 3.5",
  update_task: "M10.5 3.5l2 2L6 12l-2.6.6L4 10zM9 5l2 2",
  complete_task: "M3 8.5l3 3 7-7",
  complete_all_tasks: "M1.5 8.5l3 3 7-7M7.5 11.5l7-7",
  delete_task: "M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 8.5h5.6l.7-8.5",
  delete_all_tasks: "M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 8.5h5.6l.7-8.5M7 7v4M9 7v4",
};
// A cog-like fallback for tools the UI does not know yet.
const FALLBACK = "M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zM8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2" +
  "M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4";

/** Props of {@linkcode ToolIcon}. */
export interface ToolIconProps {
  /** The tool's name (`add_task`, `list_tasks`…). */
  tool: string;
}

/** The icon of one tool; decorative (the row's text says what happened). */
export function ToolIcon({ tool }: ToolIconProps) {
  return (
    <svg
      class="tool-icon"
      data-icon={tool in PATHS ? tool : "tool"}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      stroke-width="1.6"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[tool] ?? FALLBACK} />
    </svg>
  );
}
