package dev.shuqiao.catalog;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

/**
 * Assembles the positioned {@link Node} tree from parse events, whichever parser produces them
 * (Jackson for JSON and general YAML, {@link BlockYamlReader} for plain block YAML). Reports
 * duplicate keys, and hands each element of the top-level {@code resources} list to a listener as
 * soon as it is complete instead of keeping it.
 */
final class TreeBuilder {

  private final String source;
  private final Consumer<Problem> problems;
  private final ObjIntConsumer<Node> onResource;
  private final Deque<Node> stack = new ArrayDeque<>();
  private Node root;

  /** {@code onResource} may be null: the resources are then kept in the tree. */
  TreeBuilder(String source, Consumer<Problem> problems, ObjIntConsumer<Node> onResource) {
    this.source = source;
    this.problems = problems;
    this.onResource = onResource;
  }

  String source() {
    return source;
  }

  void startObject(int line, int column) {
    stack.push(new Node.ObjectNode(source, line, column));
  }

  void startArray(int line, int column) {
    stack.push(new Node.ArrayNode(source, line, column));
  }

  /** Closes the innermost object or list. */
  void end() {
    complete(stack.pop());
  }

  void field(String key, int line, int column) {
    Node.ObjectNode owner = (Node.ObjectNode) stack.peek();
    int existing = owner.indexOf(key);
    Node.Field field = new Node.Field(key, line, column, existing >= 0);
    if (existing >= 0) {
      problems.accept(new Problem("", CatalogRule.DUPLICATE_KEY, "key '" + key + "' appears twice in one object"
          + " (first at line " + owner.fields.get(existing).keyLine + "); keep one", owner.position(field)));
    }
    // The duplicate is kept as its own field so the first value wins and the second is never read.
    owner.add(field);
  }

  void scalar(String text, Node.ScalarNode.Type type, int line, int column) {
    complete(new Node.ScalarNode(source, line, column, text, type));
  }

  /** The finished document, or null while a value is still open. */
  Node root() {
    return root;
  }

  private void complete(Node value) {
    Node parent = stack.peek();
    if (parent == null) {
      root = value;
    } else if (onResource != null && stack.size() == 2 && isTopLevelResources(parent, stack.peekLast())) {
      onResource.accept(value, ((Node.ArrayNode) parent).streamed++);
    } else if (parent instanceof Node.ObjectNode object) {
      object.fields.get(object.fields.size() - 1).value = value;
    } else {
      ((Node.ArrayNode) parent).elements.add(value);
    }
  }

  private static boolean isTopLevelResources(Node parent, Node root) {
    return parent instanceof Node.ArrayNode && root instanceof Node.ObjectNode object
        && object.fields.get(object.fields.size() - 1).key.equals("resources");
  }
}
