/** File nodes: a directory watch, readers, tail, a text sink, CSV; and the files.* and csv.* node types. */
module dev.sluice.files {
    requires transitive dev.sluice.core;

    exports dev.sluice.files;

    provides dev.sluice.nodetype.NodeType with
            dev.sluice.files.nodes.FileTypes.Watch,
            dev.sluice.files.nodes.FileTypes.Lines,
            dev.sluice.files.nodes.FileTypes.Read,
            dev.sluice.files.nodes.FileTypes.Tail,
            dev.sluice.files.nodes.FileTypes.Write,
            dev.sluice.files.nodes.CsvTypes.Parse,
            dev.sluice.files.nodes.CsvTypes.Format,
            dev.sluice.files.nodes.StdioTypes.Stdin,
            dev.sluice.files.nodes.StdioTypes.Stdout;
}
