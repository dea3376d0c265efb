/** Testing what is built on Sluice: the contract every node type keeps. */
module dev.sluice.test {
    requires transitive dev.sluice.core;

    exports dev.sluice.test;
}
