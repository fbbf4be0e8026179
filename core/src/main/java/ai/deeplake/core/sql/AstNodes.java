package ai.deeplake.core.sql;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists every node of a JSqlParser syntax tree, whatever its type.
 *
 * <p>Why reflection and not one of JSqlParser's visitors: in JSqlParser 5.4 the deparser prints
 * parts of the tree with {@code toString()} instead of visiting them (measured: the right side of
 * {@code IS DISTINCT FROM}, the arguments of table functions in {@code FROM}, {@code CHECK}
 * constraints). The sandbox must see everything that reaches DuckDB, so it walks the objects' fields
 * instead of trusting a visitor to descend.
 */
final class AstNodes {
    /** The parser's own tree (tokens, parse nodes) is a second copy of the SQL, not part of the AST. */
    private static final String PARSER_PACKAGE = "net.sf.jsqlparser.parser.";
    private static final String AST_ROOT_PACKAGE = "net.sf.jsqlparser.";

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && isAstClass(c); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (Modifier.isStatic(modifiers) || field.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        field.setAccessible(true);
                    } catch (InaccessibleObjectException | SecurityException e) {
                        // Failing open here would let a subtree escape the sandbox check.
                        throw new IllegalStateException("Cannot inspect SQL syntax tree field " + field, e);
                    }
                    fields.add(field);
                }
            }
            return Collections.unmodifiableList(fields);
        }
    };

    private AstNodes() {
    }

    /**
     * @param root a statement or expression
     * @return every AST node reachable from {@code root} (including it), each once, parents before children
     */
    static List<Object> of(Object root) {
        List<Object> nodes = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Object value = pending.pop();
            if (!seen.add(value)) {
                continue;
            }
            List<Object> children = new ArrayList<>();
            if (isAstClass(value.getClass()) && !value.getClass().isEnum()) {
                nodes.add(value);
                for (Field field : FIELDS.get(value.getClass())) {
                    children.add(read(field, value));
                }
            }
            // Not exclusive with the above: ExpressionList is an AST node and an ArrayList.
            if (value instanceof Collection<?> collection) {
                children.addAll(collection);
            } else if (value instanceof Map<?, ?> map) {
                children.addAll(map.keySet());
                children.addAll(map.values());
            } else if (value instanceof Object[] array) {
                Collections.addAll(children, array);
            }
            // Push in reverse so that children are visited in declaration order.
            for (int i = children.size() - 1; i >= 0; i--) {
                Object child = children.get(i);
                if (child != null) {
                    pending.push(child);
                }
            }
        }
        return nodes;
    }

    private static boolean isAstClass(Class<?> type) {
        String name = type.getName();
        return name.startsWith(AST_ROOT_PACKAGE) && !name.startsWith(PARSER_PACKAGE);
    }

    private static Object read(Field field, Object owner) {
        try {
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read SQL syntax tree field " + field, e);
        }
    }
}
