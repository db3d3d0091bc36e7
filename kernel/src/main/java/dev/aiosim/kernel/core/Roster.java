package dev.aiosim.kernel.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import java.util.function.ToIntFunction;

/**
 * One of the kernel's unordered sets of live objects (calls in flight, agents alive), with O(1)
 * add and remove: each member keeps its own position, read and written through the two functions.
 */
final class Roster<T> {
    private final ArrayList<T> members = new ArrayList<>();
    private final ToIntFunction<T> position;
    private final ObjIntConsumer<T> setPosition;

    Roster(ToIntFunction<T> position, ObjIntConsumer<T> setPosition) {
        this.position = position;
        this.setPosition = setPosition;
    }

    void add(T t) {
        setPosition.accept(t, members.size());
        members.add(t);
    }

    /** Removes a member; the last one takes its place. */
    void remove(T t) {
        int i = position.applyAsInt(t);
        T last = members.remove(members.size() - 1);
        if (last != t) {
            members.set(i, last);
            setPosition.accept(last, i);
        }
        setPosition.accept(t, -1);
    }

    int size() {
        return members.size();
    }

    T get(int i) {
        return members.get(i);
    }

    /** Hands every member to {@code action} in {@code order}, then empties the roster (end of run). */
    void drain(Comparator<T> order, Consumer<T> action) {
        members.sort(order);
        members.forEach(action);
        members.clear();
    }
}
