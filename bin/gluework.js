#!/usr/bin/env node
import { ensureBuild } from "./ensure-build.js";

ensureBuild();
const { main } = await import("../dist/cli/main.js");
process.exitCode = await main(process.argv);
