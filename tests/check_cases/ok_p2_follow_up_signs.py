# Part 2 the follow-up's way: the miss as l2 - y and updates that subtract (alpha = 1),
# errors and deltas in a dict, no seed (the check seeds with 1 and says so). Its loop is
# shortened to 3,000 iterations (checked with iterations=3000).
import numpy as np

X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
y = np.array([[0, 1, 1, 0]]).T
alpha = 1
w = [2 * np.random.random((3, 4)) - 1, 2 * np.random.random((4, 1)) - 1]


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


for it in range(3000):
    a1 = sigmoid(np.dot(X, w[0]))
    a2 = sigmoid(np.dot(a1, w[1]))
    d = {"out": (a2 - y) * (a2 * (1 - a2))}
    d["hidden"] = d["out"].dot(w[1].T) * (a1 * (1 - a1))
    w[1] -= alpha * (a1.T.dot(d["out"]))
    w[0] -= alpha * (X.T.dot(d["hidden"]))
