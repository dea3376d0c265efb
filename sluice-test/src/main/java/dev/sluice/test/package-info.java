/**
 * Testing what is built on Sluice. {@link dev.sluice.test.NodeTypeKit} is the contract every node
 * type keeps: Sluice's own types pass it in their modules' tests, and a plugin's tests run the
 * same kit. It throws {@link AssertionError}, so it works under any test framework.
 */
package dev.sluice.test;
