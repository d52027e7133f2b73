// The `--mode` and `--without-car-mode` options: light, so registering a command loads no table reader.
import type { Command } from "commander";
import { OD_TABLE_FORMATS } from "../io/od-table-formats.js";

export interface ModeFlags {
  mode?: string[];
  withoutCarMode?: string;
}

export function addModeOptions(cmd: Command, withoutCar = true): Command {
  cmd.option(
    "--mode <NAME=FILE[:FORMAT]>",
    `a named travel mode from an OD table (repeatable), e.g. "public transport=pt.csv:r5r"; FORMAT ${OD_TABLE_FORMATS.join("|")} (default r5r for .csv). "car=FILE" replaces the roads for car`,
    (value: string, previous: string[] = []) => [...previous, value],
  );
  if (withoutCar) cmd.option("--without-car-mode <NAME>", "the mode households without a car use (their equity metrics use it); default car");
  return cmd;
}
